export { closestNames } from './closest-names';
