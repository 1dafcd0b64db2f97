/**
 * Electron entry point (package.json "main" -> dist/main/main/electron/index.js): hands the real
 * Electron modules and the real backend to the shell. No autoUpdater, no crashReporter: nothing in
 * this app phones home.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { createBackend } from '../backend';
import { startShell } from './shell';

void startShell(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session },
  { argv: process.argv, env: process.env, platform: process.platform, createBackend, process },
);
