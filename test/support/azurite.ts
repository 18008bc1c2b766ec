export { startAzurite, type Azurite } from '../../tools/azurite/azurite';
