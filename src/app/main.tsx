import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <h1>公文主题标注台</h1>;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
