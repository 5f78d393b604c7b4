// Public surface of the sandbox demo operator page (`/sandbox/demo-operator`).
export { createDemoOperator, type DemoOperatorDeps } from './create-demo-operator.js';
export {
  DEMO_FRANCECONNECT_PATH, DEMO_FRANCECONNECT_QUERY, DEMO_OPERATOR_PATH, DEMO_QUERY, DEMO_REQUEST, demoCallbackUri, demoFranceConnectCallbackUri,
} from './demo-request.js';
