// Public surface of the consent flow (`/consent`) and its receipts.
export { createConsentFlow, type ConsentFlowDeps } from './consent-flow.js';
export { storeCitizenConsents } from './store-citizen-consents.js';
export { buildReceipt, verifyReceipt, CONSENT_RECEIPT_TYPE, type ConsentReceipt, type ReceiptVerification } from './consent-receipt.js';
