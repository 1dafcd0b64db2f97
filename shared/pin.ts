/**
 * The staff PIN rule, one place for the backend's check and the renderer's forms. Kept out of
 * contract.ts so the renderer can use it without bundling zod (whose start-up probe calls
 * Function(), refused by the page's CSP and counted as a blocked request).
 */
export const PIN_PATTERN = /^\d{4,12}$/;
export const PIN_RULE = 'must be 4 to 12 digits';
