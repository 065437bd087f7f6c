import { createContext, useContext } from 'react';
import type { Theme } from './theme.js';

export const ThemeContext = createContext<Theme>('light');

export function useThemeValue(): Theme {
  return useContext(ThemeContext);
}
