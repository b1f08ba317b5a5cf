import { render } from 'preact';
import { App } from './App';
import './styles.css';

performance.mark('board:start');
render(<App />, document.getElementById('app')!);
