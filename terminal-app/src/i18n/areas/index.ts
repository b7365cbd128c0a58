import type { Area } from './area';
import { shell } from './shell';
import { tasks } from './tasks';
import { visit } from './visit';
import { outbox } from './outbox';
import { map } from './map';
import { customers } from './customers';
import { content } from './content';
import { device } from './device';
import { problems } from './problems';
import { presence } from './presence';

// One file of texts per area of the app, so that each can change without touching the others.
export const areas: Area[] = [shell, tasks, visit, outbox, map, customers, content, device, problems, presence];
