export * from './shared';
export * from './state-programs';
export * from './erate';
