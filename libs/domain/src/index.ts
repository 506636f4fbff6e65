export * from './shared';
export * from './state-programs';
export * from './erate';
export * from './catalog';
export * from './compliance/compliance-view';
export * from './compliance/compliance-read-models';
