import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientProvider, createClient, pickTransport } from './client/index.js';
import { App } from './shell/App.js';
import { applyInitialTheme } from './shell/theme.js';
import './shell/styles.css';

applyInitialTheme();
const client = createClient(pickTransport());
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </ClientProvider>
    </StrictMode>,
  );
