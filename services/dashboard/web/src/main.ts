import './style.css';
import { ApiError, api, type Me, period } from './api';
import { h, link, route } from './dom';
import { leaderPage } from './pages/leader-page';
import { overviewPage } from './pages/overview-page';
import { pipelinePage } from './pages/pipeline-page';
import { teamPage, teamsPage } from './pages/team-pages';

const app = document.getElementById('app')!;
const top = document.getElementById('top')!;
let me: Me | null = null;

function loginForm(message?: string): void {
  top.replaceChildren(h('strong', { class: 'brand' }, 'pushpull'));
  const user = h('input', { name: 'username', autocomplete: 'username', required: '' }) as HTMLInputElement;
  const pass = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: '',
  }) as HTMLInputElement;
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error' }, message ?? '');
  const form = h(
    'form',
    { id: 'login', class: 'login' },
    h('h1', {}, 'Sign in'),
    h('label', {}, 'Username', user),
    h('label', {}, 'Password', pass),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/api/login', {
        method: 'POST',
        body: JSON.stringify({ username: user.value, password: pass.value }),
      });
      me = null;
      location.hash = '#/';
      await render();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  });
  app.replaceChildren(form);
}

function nav(user: Me): void {
  const items: HTMLElement[] = [];
  if (user.role !== 'leader') items.push(link(['overview'], 'Overview'));
  if (user.role === 'leader' && user.personId) items.push(link(['leader', user.personId], 'My page'));
  items.push(link(['teams'], 'Teams'));
  if (user.role === 'admin') items.push(link(['pipeline'], 'Pipeline'));
  const periodInput = h('input', {
    name: 'period',
    value: period(),
    size: '9',
    'aria-label': 'period',
    title:
      'A preset: YYYY-Qn (2026-Q3), YYYY-MM (2026-07), YYYY-Www (2026-W27), last-30d, last-90d or last-365d',
  }) as HTMLInputElement;
  const form = h(
    'form',
    { class: 'period' },
    'Period ',
    periodInput,
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams(location.search);
    q.set('period', periodInput.value.trim() || 'last-90d');
    location.search = q.toString();
  });
  const logout = h('button', { type: 'button', 'data-testid': 'logout' }, 'Sign out');
  logout.addEventListener('click', async () => {
    await api('/api/logout', { method: 'POST' });
    me = null;
    loginForm();
  });
  top.replaceChildren(
    h('strong', { class: 'brand' }, 'pushpull'),
    h('nav', {}, ...items),
    form,
    h('span', { class: 'who', 'data-testid': 'who' }, `${user.username} (${user.role})`),
    logout,
  );
}

let generation = 0;

/**
 * Renders the current route. Each render builds its page in a detached view and shows it only if no
 * newer navigation started meanwhile, so a slow page that finishes late never replaces the page the
 * user has moved on to (nor marks it ready).
 */
async function render(): Promise<void> {
  const mine = ++generation;
  const current = () => mine === generation;
  try {
    me ??= await api<Me>('/api/me');
  } catch (err) {
    if (!current()) return;
    if (err instanceof ApiError && err.status === 401) return loginForm();
    app.replaceChildren(h('p', { class: 'error' }, String(err)));
    return;
  }
  if (!current()) return;
  nav(me);
  const [page, id] = route();
  app.replaceChildren(h('p', {}, 'Loading…'));
  const view = document.createElement('div');
  try {
    if (page === 'overview') await overviewPage(view);
    else if (page === 'leader' && id) await leaderPage(view, id);
    else if (page === 'teams') await teamsPage(view);
    else if (page === 'team' && id) await teamPage(view, id);
    else if (page === 'pipeline') await pipelinePage(view);
    else if (me.role === 'leader' && me.personId) await leaderPage(view, me.personId);
    else await overviewPage(view);
    if (!current()) return;
    app.replaceChildren(...view.childNodes);
    app.setAttribute('data-ready', page ?? 'home');
  } catch (err) {
    if (!current()) return;
    if (err instanceof ApiError && err.status === 401) return loginForm('Your session ended; sign in again.');
    app.replaceChildren(
      h('h1', {}, err instanceof ApiError && err.status === 403 ? 'Not allowed' : 'Cannot show this page'),
      h(
        'p',
        { class: 'error', 'data-testid': 'page-error' },
        err instanceof Error ? err.message : String(err),
      ),
    );
    app.setAttribute('data-ready', 'error');
  }
}

window.addEventListener('hashchange', () => {
  app.removeAttribute('data-ready');
  void render();
});
void render();
