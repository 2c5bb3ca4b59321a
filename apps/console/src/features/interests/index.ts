// Interests (兴趣): the customer page's card of what the customer reads and follows.
// Other parts of the console use only what this file exports.

export { default as InterestCard } from './InterestCard.tsx';
