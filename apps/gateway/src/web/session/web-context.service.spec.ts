// Where sign-in returns to: the page asked for, or for a sent form the page it belongs to.
import { returnPathOf, safeReturnTo } from './web-context.service';

test.each([
  ['GET', '/projects/p-1/audit?after=25', '/projects/p-1/audit?after=25'],
  ['POST', '/projects/p-1/schedule-meeting', '/projects/p-1'],
  ['POST', '/projects/p-1/meetings/m-1/papers', '/projects/p-1'],
  ['POST', '/projects/new', '/projects/new'],
  ['POST', '/admin', '/projects'],
])('%s %s comes back to %s', (method, url, back) => {
  expect(returnPathOf({ method, url })).toBe(back);
  expect(safeReturnTo(back)).toBe(back);
});
