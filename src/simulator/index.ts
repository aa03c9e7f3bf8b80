export * from './trace';
export * from './request';
export * from './mesh-simulator';
