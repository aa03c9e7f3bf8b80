export const INT32_MAX = 2147483647;
