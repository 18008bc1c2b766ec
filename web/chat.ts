import { createDirectLine, createStore, renderWebChat } from 'botframework-webchat';
import { TokenRequestError, type Connection } from './connect';
import { applyInputHints, inputHints, type InputHints } from './input-hints';
import { closePreview, setStatus, showPanel } from './panel';
import { saveSession, type ChatSession } from './session';
import { pageSource } from './source';
import { langOf, localeOf, text, type Lang, type StringKey } from './strings';
import { Turns } from './turns';

/**
 * The chat panel: the official Web Chat against this server's Direct Line channel (or Azure's,
 * when the token endpoint says so), with a progress line, the resume code, and the page and the
 * bot kept in the same language.
 */

declare const __INTAKE_WORDING__: Record<
  'en-CA' | 'fr-CA',
  { progress: string; sections: Record<string, string>; french: string; english: string }
>;

interface IntakeData {
  step?: string;
  section?: string;
  input?: string;
  progress?: { index: number; total: number };
  turn?: number;
}

interface Activity {
  type: string;
  text?: string;
  locale?: string;
  from?: { role?: string };
  attachments?: { contentType?: string; content?: unknown }[];
  suggestedActions?: unknown;
  channelData?: { intake?: IntakeData };
}

interface Action {
  type: string;
  payload?: {
    activity?: Activity & { channelData?: Record<string, unknown> };
    connectionStatus?: number;
    value?: unknown;
  };
}

/** What Web Chat dispatches when a button or a card sends its value. */
const BUTTON_SENDS = new Set(['WEB_CHAT/SEND_MESSAGE_BACK', 'WEB_CHAT/SEND_POST_BACK']);

export interface OpenOptions {
  /** The conversation being requested, or undefined when the chat is already connected. */
  connecting?: Promise<Connection | TokenRequestError>;
  /** Opened with a resume code: a problem is shown next to the form, the panel stays closed. */
  resumed: boolean;
  language: Lang;
  onLanguage: (lang: Lang, chosen: boolean) => void;
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const FINISHED = new Set(['submitted', 'declined']);
const REFERENCE = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

let rendered:
  | {
      session: ChatSession;
      render: () => void;
      store: { dispatch: (action: Action) => void };
      turns: Turns;
    }
  | undefined;
let language: Lang = 'en';
/** The language of the bot's latest message: the conversation's language. */
let botLanguage: Lang | undefined;
let lastStep: string | undefined;
/** The keyboard and autofill the current question calls for. */
let hints: InputHints = inputHints(undefined);
const SEND_BOX = '[data-id="webchat-sendbox-input"]';
let notifyLanguage: OpenOptions['onLanguage'] = () => undefined;
/** The page's source rides on the first message this page posts (Azure's channel drops the start body's). */
let sourceSent = false;

/** Shows the panel, connecting first if needed. Returns the problem to show next to a resume form. */
export async function openChat(options: OpenOptions): Promise<StringKey | undefined> {
  notifyLanguage = options.onLanguage;
  language = options.language;
  if (!options.connecting) {
    showChat();
    return undefined;
  }
  const connection = await options.connecting;
  if (connection instanceof TokenRequestError) {
    if (options.resumed) return connection.problem;
    showPanel();
    setStatus(text(language, connection.problem));
    return connection.problem;
  }
  lastStep = undefined;
  saveSession(connection.session);
  connect(connection.session);
  showChat();
  return undefined;
}

function connect(session: ChatSession): void {
  const directLine = createDirectLine({
    token: session.token,
    domain: session.domain ?? `${location.origin}/v3/directline`,
    conversationId: session.conversationId,
    conversationStartProperties: { locale: localeOf(language) },
  });
  const turns = new Turns(session.turn ?? 0, (turn) => {
    if (!rendered) return;
    rendered.session = { ...rendered.session, turn };
    saveSession(rendered.session);
  });
  const store = createStore({}, () => (next: (action: Action) => unknown) => (action: Action) => {
    // A button of an earlier question (still on screen for a moment) sends nothing.
    if (BUTTON_SENDS.has(action.type) && !turns.allows(action.payload?.value)) return undefined;
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload?.activity) {
      closePreview();
      const activity = incoming(action.payload.activity);
      return next({ ...action, payload: { ...action.payload, activity } });
    }
    if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload?.activity && !sourceSent) {
      sourceSent = true;
      const activity = action.payload.activity;
      const channelData = { ...activity.channelData, source: pageSource() };
      return next({ ...action, payload: { ...action.payload, activity: { ...activity, channelData } } });
    }
    if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') setStatus('');
    if (action.type === 'DIRECT_LINE/CONNECTION_STATUS_UPDATE' && action.payload?.connectionStatus === 4)
      setStatus(text(language, 'unavailable'));
    return next(action);
  }) as { dispatch: (action: Action) => void };

  const target = element<HTMLDivElement>('webchat');
  const render = () =>
    renderWebChat(
      {
        directLine,
        store,
        userID: session.userId,
        locale: localeOf(language),
        // After submitting, what is typed is added to the lead: the box says so.
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: text(language, lastStep === 'submitted' ? 'sendBoxAfter' : 'sendBox'),
        },
        styleOptions: {
          hideUploadButton: session.documents !== true,
          suggestedActionLayout: 'flow',
          accent: '#0b5394',
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
          suggestedActionBorderRadius: 6,
          sendBoxTextWrap: true,
          primaryFont: 'inherit',
        },
      },
      target,
    );
  rendered = { session, render, store, turns };
  // Web Chat may rebuild its send box: the hints go on again whenever it takes the focus
  target.addEventListener('focusin', (event) => {
    if (event.target instanceof Element && event.target.matches(SEND_BOX))
      applyInputHints(event.target, hints);
  });
  render();
  showResumeCode();
}

/** Follows the conversation as the bot's messages arrive: progress, language, and the review card. */
function incoming(received: Activity): Activity {
  if (received.type !== 'message' || received.from?.role === 'user' || !rendered) return received;
  const intake = received.channelData?.intake;
  // History of an earlier question (a reload rebuilds it): shown, without buttons or progress.
  if (!rendered.turns.isCurrent(intake?.turn)) return rendered.turns.arrived(received, intake?.turn);
  const activity = rendered.turns.arrived(received, intake?.turn);
  if (intake?.step) showProgress(intake);
  if (intake?.step) {
    hints = inputHints(intake);
    setTimeout(() => applyInputHints(document.querySelector(`#webchat ${SEND_BOX}`), hints));
  }
  if (intake?.step === 'submitted' && rendered) {
    const reference = REFERENCE.exec(activity.text ?? '')?.[0];
    if (reference) {
      rendered.session = { ...rendered.session, reference };
      saveSession(rendered.session);
    }
  }
  if (intake?.step && FINISHED.has(intake.step))
    setTimeout(() => {
      showResumeCode();
      rendered?.render();
    });
  if (activity.locale) {
    const lang = langOf(activity.locale);
    botLanguage = lang;
    if (lang !== language) setTimeout(() => switchLanguage(lang, true));
  }
  const hasCard = activity.attachments?.some(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  if (hasCard && intake?.step === 'review' && activity.text) {
    // The card lists every answer; the text keeps its introduction and instructions only.
    return {
      ...activity,
      text: activity.text
        .split('\n')
        .filter((line) => !/^\d+\. \*\*/.test(line))
        .join('\n'),
    };
  }
  return activity;
}

function showProgress(intake: IntakeData): void {
  const progress = element<HTMLParagraphElement>('chat-progress');
  lastStep = intake.step;
  progress.dataset.step = intake.step;
  const wording = __INTAKE_WORDING__[localeOf(language)];
  const { index = 0, total = 0 } = intake.progress ?? {};
  if (intake.step && FINISHED.has(intake.step)) progress.textContent = '';
  else if (total > 0) {
    const section =
      intake.section === 'review'
        ? text(language, 'reviewSection')
        : (wording.sections[intake.section ?? ''] ?? '');
    progress.textContent = wording.progress
      .replace('{index}', String(index))
      .replace('{total}', String(total))
      .replace('{section}', section);
  } else progress.textContent = '';
  progress.dataset.section = intake.section ?? '';
  progress.dataset.index = String(index);
  progress.dataset.total = String(total);
}

/**
 * The line under the header: the resume code while the intake is in progress; once submitted, the
 * reference number, which stays in view; nothing after the prospect declined.
 */
function showResumeCode(): void {
  const line = element<HTMLParagraphElement>('chat-resume');
  if (!rendered) return;
  const { reference, resumeCode } = rendered.session;
  line.classList.toggle('chat-panel__resume--reference', reference !== undefined);
  if (reference) {
    // The thank-you stays in view with the reference, which never breaks inside its code.
    const thanks = document.createElement('strong');
    thanks.textContent = `${text(language, 'thanks')} `;
    const [before, after = ''] = text(language, 'reference', { reference: '\u0000' }).split('\u0000');
    const code = document.createElement('span');
    code.className = 'chat-panel__reference-code';
    code.textContent = reference;
    const hint = document.createElement('span');
    hint.className = 'chat-panel__resume-hint';
    hint.textContent = ` ${text(language, 'referenceHint')}`;
    line.replaceChildren(thanks, before!, code, after, hint);
  } else {
    // The code, then how to use it: on a short screen only the code shows.
    const code = document.createElement('strong');
    code.textContent = text(language, 'resumeCode', { code: resumeCode });
    const hint = document.createElement('span');
    hint.className = 'chat-panel__resume-hint';
    hint.textContent = ` ${text(language, 'resumeCodeHint')}`;
    line.replaceChildren(code, hint);
  }
  line.hidden = !reference && lastStep === 'declined';
}

function switchLanguage(lang: Lang, chosen: boolean): void {
  if (lang === language) return;
  language = lang;
  notifyLanguage(lang, chosen);
  rendered?.render();
  showResumeCode();
  const progress = element<HTMLParagraphElement>('chat-progress');
  if (progress.dataset.step)
    showProgress({
      step: progress.dataset.step,
      section: progress.dataset.section,
      progress: { index: Number(progress.dataset.index), total: Number(progress.dataset.total) },
    });
}

/** The prospect picked a language with the page's toggle: the chat follows, answers kept. */
export function languageChosen(lang: Lang): void {
  const inProgress = lastStep !== undefined && !FINISHED.has(lastStep);
  switchLanguage(lang, true);
  if (rendered && inProgress && botLanguage !== lang) {
    const wording = __INTAKE_WORDING__[localeOf(lang)];
    rendered.store.dispatch({
      type: 'WEB_CHAT/SEND_MESSAGE',
      payload: { text: lang === 'fr' ? wording.french : wording.english } as never,
    });
  }
}

/** Shows the panel, remembers it is open (a reload reopens it) and puts the focus in the send box. */
function showChat(): void {
  showPanel();
  if (rendered) saveSession({ ...rendered.session, open: true });
  focusSendBox();
}

function focusSendBox(attempt = 0): void {
  const input = document.querySelector<HTMLElement>(
    '#webchat [data-id="webchat-sendbox-input"], #webchat .webchat__send-box-text-box__input',
  );
  if (input) input.focus();
  else if (attempt < 50) setTimeout(() => focusSendBox(attempt + 1), 100);
  else element<HTMLButtonElement>('chat-close').focus();
}

/** The page closed the panel: a reload leaves it closed. */
export function chatClosed(): void {
  if (rendered) saveSession({ ...rendered.session, open: false });
}
