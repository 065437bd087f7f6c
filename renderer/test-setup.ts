import { configure } from '@testing-library/react';

// Two test workers share two cores with PostgreSQL servers and Chromium: findBy…/waitFor wait up to 5 s (not 1 s)
// for the UI to settle, so a busy machine is not mistaken for a broken screen.
configure({ asyncUtilTimeout: 5_000 });
