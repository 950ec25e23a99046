// How the outbox worker hands a text to a provider, and what can come back.

export interface SendRequest {
  messageId: number;
  to: string;
  body: string;
  /** Twilio posts delivery status here; it carries our message id (?m=) */
  statusCallback: string;
}

export type SendOutcome =
  /** the provider took it */
  | { kind: 'sent'; sid: string; status: string }
  /** nothing was sent (network down, 5xx, 429): safe to try again later */
  | { kind: 'retry'; code: string; message: string; retryAfterMs?: number }
  /** the provider refused it for good (invalid number, opted out, region not enabled …) */
  | { kind: 'failed'; code: string; message: string; optedOut: boolean }
  /** the request went out but its answer was lost: it may have been sent */
  | { kind: 'unknown'; message: string };

export interface SmsTransport {
  readonly name: 'dev' | 'twilio';
  send(req: SendRequest): Promise<SendOutcome>;
  /**
   * What became of a text whose outcome was lost: by its provider id when we have one, else by
   * recipient, body and time. null: the provider never got it. 'unavailable': cannot tell now.
   */
  lookup(q: {
    sid: string | null;
    to: string;
    body: string;
    sentAfter: Date;
    /** provider ids already recorded for other texts: an identical twin's is not this one's */
    skipSids?: ReadonlySet<string>;
  }): Promise<{ sid: string; status: string } | null | 'unavailable'>;
}
