import { render } from 'preact';
import { SidePanelApp } from '@/components/side-panel';

render(<SidePanelApp />, document.getElementById('app')!);
