#!/usr/bin/env node
// `npm run test:offline`: the whole `npm test` inside a fresh network namespace that has only a
// loopback device (`unshare -n`), so any attempt to reach the network fails. Before the suite, it
// proves the namespace really is offline (a TCP connect to a public address must fail).
// Needs root on Linux (unshare -n); elsewhere it says so and exits 1 rather than pretending.
import { spawnSync } from 'node:child_process';

if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  console.error('test:offline needs root on Linux (it uses `unshare -n`).');
  process.exit(1);
}

const probe = `node -e "const s=require('net').connect({host:'1.1.1.1',port:443,timeout:3000});s.on('connect',()=>{console.error('network reachable: not offline');process.exit(1)});s.on('error',()=>process.exit(0));s.on('timeout',()=>process.exit(0))"`;
const inner = ['ip link set lo up', probe, 'echo "test:offline: network namespace has loopback only"', 'npm test'].join(' && ');
const r = spawnSync('unshare', ['-n', '--', 'sh', '-c', inner], { stdio: 'inherit', env: process.env });
process.exit(r.status ?? 1);
