import { useEffect, useState } from 'react';

export type Theme = 'system' | 'light' | 'dark';
const KEY = 'runledger.theme';
const DARK = '(prefers-color-scheme: dark)';

function stored(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

let choice: Theme = 'system';

/** The colours in use: the person's pick, else the system's (styles.css keys its dark tokens on data-theme). */
function apply(): void {
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia?.(DARK).matches === true);
  document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
}

/** Called once at start: picks the theme and keeps following the system setting while the choice is "system". */
export function startTheme(): void {
  choice = stored();
  apply();
  window.matchMedia?.(DARK).addEventListener('change', apply);
}

/** Dark mode follows the system setting unless the person picked one; the choice is per browser. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(stored);
  useEffect(() => {
    choice = theme;
    apply();
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // Storage disabled: the choice lasts for this page.
    }
  }, [theme]);
  return [theme, setTheme];
}
