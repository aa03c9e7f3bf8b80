export * from './analysis/diagnostic';
export * from './analysis/analyzer';
