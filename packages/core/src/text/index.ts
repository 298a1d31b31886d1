export { closestNames, didYouMean } from './closest-names';
export { dockerfileQuote, shellQuote } from './quote';
export { colorEnabled, styler } from './style';
export type { Style } from './style';
