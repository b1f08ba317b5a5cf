import { render } from 'preact';
import { getSession } from './api';
import { App } from './App';
import './styles.css';

performance.mark('board:start');
void getSession();
render(<App />, document.getElementById('app')!);
