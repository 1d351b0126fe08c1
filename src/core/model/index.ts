export * from './telemetry';
export * from './request';
export * from './code';
export * from './report';
