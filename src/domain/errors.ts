// Typed domain errors; the HTTP layer maps each code to a status in one place.
export type DomainErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'unauthorized'
  | 'gone'
  | 'too_many_requests';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** a finer reason a page can translate (e.g. 'phone_invalid'); the API sends it as the code */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conflict = (message: string) => new DomainError('conflict', message);
