// Stops stack processes left behind by a supervisor that was killed (kill -9, closed terminal).
import { reapOrphans } from './stack/supervisor.mjs';
import { log } from './stack/util.mjs';

const n = await reapOrphans();
log(n ? `stopped ${n} leftover process group(s)` : 'nothing left running');
