/** The codes `doudou svc mock` answers with itself, next to the codes of the contract it serves. */
import { defineErrorCodes, type CodeOf } from '../../errors';

export const MockErrorCodes = defineErrorCodes('cli', 'HttpError', {
  MOCK_NO_OPERATION: { status: 501, meaning: '`svc mock`: the route is served but the OpenAPI document describes no operation for it.' },
  MOCK_NO_SUCH_RESPONSE: {
    status: 422,
    meaning: '`svc mock`: `Prefer: code=N` asks for a response the operation does not declare (the message lists the declared ones).',
  },
});

export type MockErrorCode = CodeOf<typeof MockErrorCodes>;
