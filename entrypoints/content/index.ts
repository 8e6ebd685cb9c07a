import './highlights.css';
import { startScanner } from './scanner';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startScanner(ctx);
  },
});
