import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startDesk } from '../store/boot';
import { App } from './App';
import './app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void startDesk();
}
