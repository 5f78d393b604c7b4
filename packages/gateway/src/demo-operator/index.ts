// Public surface of the sandbox demo operator page (`/sandbox/demo-operator`).
export { createDemoOperator, type DemoOperatorDeps } from './create-demo-operator.js';
export { DEMO_OPERATOR_PATH, DEMO_QUERY, DEMO_REQUEST, demoCallbackUri } from './demo-request.js';
