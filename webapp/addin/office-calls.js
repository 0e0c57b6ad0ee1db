// Office's asynchronous calls as promises: each rejects with an OfficeCallFailed naming the call that failed.

export class OfficeCallFailed extends Error {
  constructor(call, error) {
    super(`${call} failed${error ? `: ${error.message || error.name || error.code}` : ''}`);
    this.call = call;
    this.code = error ? error.code : undefined;
  }
}

/** Runs an Office "…Async(…, callback)" method and resolves with its result's value. */
export function officeCall(name, method, ...args) {
  return new Promise((resolve, reject) => {
    method(...args, (result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) {
        resolve(result.value);
      } else {
        reject(new OfficeCallFailed(name, result.error));
      }
    });
  });
}
