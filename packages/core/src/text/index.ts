export { closestNames } from './closest-names';
export { dockerfileQuote, shellQuote } from './quote';
