import { startBackground } from './main';

export default defineBackground(() => {
  startBackground();
});
