export * from './scenario';
export * from './refusal-code';
export * from './erate-fixtures';
export * from './state-program-fixtures';
