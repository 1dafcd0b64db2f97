import { bankingKb, datasetsDir } from './bench/kb-fixtures';
import { loadKnowledgeBase, FileVectorCache, getEncoder } from './main/engine';
import { trainModelWithState } from './main/engine/train-kb';
const file = bankingKb(datasetsDir(), 20, 25);
const kb = loadKnowledgeBase(JSON.stringify(file), 'b.json');
let t = performance.now(); getEncoder(); console.log('encoder load', Math.round(performance.now() - t));
const vectors = new FileVectorCache();
t = performance.now(); trainModelWithState(kb, vectors); console.log('cold', Math.round(performance.now() - t));
t = performance.now(); trainModelWithState(kb, vectors); console.log('vectors cached, no state', Math.round(performance.now() - t));
