// Group deals (拼团): the board, the create form and a deal's page with its joiners.
// Other parts of the console use only what this file exports.

export { default as DealsBoardPage } from './DealsBoardPage.tsx';
export { default as DealPage } from './DealPage.tsx';
