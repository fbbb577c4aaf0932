// The application menu: the platform's usual roles only (no custom commands yet). Developer tools
// are offered only when running unpackaged.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(opts: { isPackaged: boolean; isMac: boolean }): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(opts.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(opts.isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
