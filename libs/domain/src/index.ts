export * from './shared';
export * from './state-programs';
