import autocannon from 'autocannon';

/**
 * One autocannon sample against a GraphQL endpoint. Every response body must equal
 * `expectedBody` exactly (so a GraphQL error inside a 200, or a different answer, counts as a
 * mismatch); any non-2xx, socket error, timeout or mismatch makes the sample fail.
 */
export async function measure({ url, headers, body, expectedBody, seconds, connections }) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
    timeout: 10,
    verifyBody: (text) => text === expectedBody,
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches ?? 0,
  };
}

/** Count of failed requests in a sample (a non-2xx answer is also a body mismatch: counted once). */
export function failuresOf(sample) {
  return sample.errors + sample.timeouts + Math.max(sample.non2xx, sample.mismatches);
}
