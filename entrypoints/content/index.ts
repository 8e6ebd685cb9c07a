import './highlights.css';
import { ALWAYS_MATCHES } from '@/lib/extension/access';
import { startScanner } from './scanner';

// Declared for the sites read without asking; the background injects the same script into a tab the reviewer
// clicks for (activeTab) and registers it for the sites the reviewer grants (entrypoints/background/access.ts).
export default defineContentScript({
  matches: [...ALWAYS_MATCHES],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startScanner(ctx);
  },
});
