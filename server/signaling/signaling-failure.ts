// A refused signaling request: the code and message the client receives in its error reply.
export class SignalingFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignalingFailure';
  }
}
