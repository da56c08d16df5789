/** The fix for anything the stack wrote and someone else undid: deploy again; its refresh sees the drift. */
export const redeployFix = (stack: string | undefined): string =>
  `run \`pnpm stack-up ${stack ?? "<stack>"}\` (its refresh notices what is missing and the update re-adds it)`;
