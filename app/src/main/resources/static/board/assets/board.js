// The operator board's script: keeps the server-rendered list live. The stream (server-sent events) says that
// something changed and the list is read again (at most once a second); between changes the lines age here, every
// second, from the service's clock; a line that moves into the next band asks for a fresh list too (so the counts
// follow). New alarms are announced to screen readers; a new life-safety alarm also sounds, once the operator has
// started the shift (browsers play sound only after a click). The only action, a claim, posts the line's form.
(() => {
  'use strict';

  const board = document.getElementById('board');
  if (!board) {
    return;
  }
  const connection = document.getElementById('connection');
  const announcer = document.getElementById('announcer');
  const status = document.getElementById('status');
  const shift = document.getElementById('start-shift');
  const query = window.location.search;
  let list = document.getElementById('board-items');
  let clockOffset = 0;
  let bounds = [];
  let labels = [];
  let lineSeconds = 90;
  let known = new Map();
  let audio = null;

  // ---- reading the list ------------------------------------------------------------------------------------

  function calibrate() {
    clockOffset = Number(list.dataset.serverNow) - Date.now();
    bounds = (list.dataset.bucketBounds || '').split(',').filter(Boolean).map(Number);
    labels = (list.dataset.bucketLabels || '').split(',');
    lineSeconds = Number(list.dataset.line || 90);
  }

  function lines() {
    return Array.from(list.querySelectorAll('tr.alarm'));
  }

  function remember() {
    known = new Map(lines().map(line => [line.dataset.verificationId, line.dataset.class]));
  }

  let refreshing = false;
  let again = false;
  let lastRefresh = 0;
  let timer = null;

  /** Reads the list again soon: right away if the last read is a second old, else when it will be. */
  function refreshSoon() {
    if (refreshing) {
      again = true;
      return;
    }
    if (timer !== null) {
      return;
    }
    const wait = Math.max(0, 1000 - (Date.now() - lastRefresh));
    timer = window.setTimeout(() => {
      timer = null;
      refresh();
    }, wait);
  }

  async function refresh() {
    refreshing = true;
    lastRefresh = Date.now();
    try {
      const answer = await fetch(board.dataset.items + query, {
        headers: { 'Accept': 'text/html' }, credentials: 'same-origin', cache: 'no-store'
      });
      if (answer.status === 401 || answer.status === 403 || answer.redirected) {
        sessionEnded();
        return;
      }
      if (answer.ok) {
        swap(await answer.text());
      }
    } catch (offline) {
      setConnection('lost', 'Connection lost: the board may be out of date. Trying again…');
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refreshSoon();
      }
    }
  }

  function swap(html) {
    const focused = document.activeElement && document.activeElement.id;
    const template = document.createElement('template');
    template.innerHTML = html;
    const fresh = template.content.getElementById('board-items');
    if (!fresh) {
      return;
    }
    const before = known;
    list.replaceWith(fresh);
    list = fresh;
    calibrate();
    remember();
    announceNew(before);
    tick();
    if (focused) {
      const target = document.getElementById(focused);
      if (target) {
        target.focus();
      }
    }
  }

  // ---- new alarms: words for everyone, a sound for life safety ------------------------------------------------

  function announceNew(before) {
    const fresh = lines().filter(line => !before.has(line.dataset.verificationId));
    if (fresh.length === 0) {
      return;
    }
    const lifeSafety = fresh.filter(line => line.dataset.class === 'life-safety');
    const words = fresh.slice(0, 3).map(line => 'New ' + line.dataset.summary).join('. ');
    announcer.textContent = fresh.length > 3 ? words + '. And ' + (fresh.length - 3) + ' more.' : words + '.';
    if (lifeSafety.length > 0) {
      sound();
    }
  }

  function startShift() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      shift.textContent = 'This browser cannot play the alarm sound';
      return;
    }
    audio = audio || new Context();
    audio.resume();
    shift.setAttribute('aria-pressed', 'true');
    shift.textContent = 'Shift started: alarm sound on';
    sound();
  }

  /** Three short high tones, made here (no audio file to load). */
  function sound() {
    if (!audio || audio.state !== 'running') {
      return;
    }
    const start = audio.currentTime;
    for (let i = 0; i < 3; i++) {
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.type = 'square';
      tone.frequency.value = 880;
      volume.gain.setValueAtTime(0.0001, start + i * 0.3);
      volume.gain.exponentialRampToValueAtTime(0.25, start + i * 0.3 + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.3 + 0.2);
      tone.connect(volume).connect(audio.destination);
      tone.start(start + i * 0.3);
      tone.stop(start + i * 0.3 + 0.22);
    }
  }

  // ---- ageing -------------------------------------------------------------------------------------------------

  function ageText(seconds) {
    if (seconds < 60) {
      return seconds + ' s';
    }
    const rest = seconds % 60;
    return Math.floor(seconds / 60) + ' min ' + (rest < 10 ? '0' : '') + rest + ' s';
  }

  function bucketOf(seconds) {
    const index = bounds.findIndex(bound => seconds <= bound);
    return index < 0 ? bounds.length : index;
  }

  function tick() {
    const now = Date.now() + clockOffset;
    let moved = false;
    for (const line of lines()) {
      const seconds = Math.max(0, Math.floor((now - Number(line.dataset.receivedAt)) / 1000));
      line.querySelector('.age').textContent = ageText(seconds);
      const bucket = bucketOf(seconds);
      const current = 'bucket-' + bucket;
      if (!line.classList.contains(current)) {
        line.classList.remove('bucket-0', 'bucket-1', 'bucket-2', 'bucket-3');
        line.classList.add(current);
        line.querySelector('.bucket-label').textContent = labels[bucket] || '';
        moved = true;
      }
      const gauge = line.querySelector('.gauge progress');
      if (gauge) {
        gauge.value = Math.min(Number(gauge.max), seconds);
        const left = lineSeconds - seconds;
        line.querySelector('.line-text').textContent = left >= 0
          ? left + ' s to the 90 s line' : 'past the 90 s line by ' + ageText(-left);
        line.classList.toggle('past-line', left < 0);
      }
    }
    if (moved) {
      refreshSoon();
    }
  }

  // ---- the stream -----------------------------------------------------------------------------------------------

  function setConnection(state, text) {
    connection.className = 'connection ' + state;
    connection.textContent = text;
  }

  function sessionEnded() {
    stream.close();
    setConnection('lost', 'Logged out: the board is not live. ');
    const link = document.createElement('a');
    link.href = '/board/login';
    link.textContent = 'Log in again';
    connection.appendChild(link);
  }

  const stream = new EventSource(board.dataset.stream);
  stream.addEventListener('open', () => {
    setConnection('live', 'Live');
    // Whatever changed while the stream was down is read now.
    refreshSoon();
  });
  stream.addEventListener('changes', () => refreshSoon());
  stream.addEventListener('error', () => {
    if (stream.readyState === EventSource.CLOSED) {
      sessionEnded();
    } else {
      setConnection('lost', 'Reconnecting to live updates…');
    }
  });

  // ---- claims -------------------------------------------------------------------------------------------------

  document.addEventListener('submit', async event => {
    const form = event.target.closest('form.claim');
    if (!form) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const answer = await fetch(form.action, {
        method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'Accept': 'application/json' }
      });
      const body = await answer.json().catch(() => ({}));
      if (answer.ok) {
        say('You hold it now: ' + (button.getAttribute('aria-label') || '').replace(/^Claim: /, ''), false);
      } else if (answer.status === 403) {
        say('Claim refused (403): ' + (body.detail || 'you may not claim this task'), true);
      } else {
        say('Not claimed: ' + (body.detail || answer.statusText), true);
      }
    } catch (offline) {
      say('Not claimed: the service could not be reached', true);
    } finally {
      button.disabled = false;
      refreshSoon();
    }
  });

  function say(text, refused) {
    status.textContent = text;
    status.classList.toggle('refused', refused);
  }

  shift.addEventListener('click', startShift);
  calibrate();
  remember();
  tick();
  window.setInterval(tick, 1000);
})();
