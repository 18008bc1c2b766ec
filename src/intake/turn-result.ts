import type { Locale } from './flows';
import type { InputKind } from './inputs';
import type { Position, Submission } from './machine';
import type { StoredConversation } from './snapshots';
import type { Answers, Section } from './steps';

/** What one turn of the conversation engine gives back: the replies, what to do, the state to keep. */

export interface Choice {
  value: string;
  title: string;
}

export interface Question {
  step: string;
  section: Section | 'review';
  input: InputKind;
  choices?: Choice[];
  progress: { index: number; total: number };
  /** The turn it is asked on: its buttons carry it (see binding.ts). */
  turn: number;
}

/** A question before it is asked: its turn is given when the turn's replies are made. */
export type Unasked = Omit<Question, 'turn'>;

export interface ReviewItem {
  number: number;
  step: string;
  /** The title of the step's section, to group the review by. */
  section: string;
  label: string;
  answer: string;
}

export interface Reply {
  /** Markdown. */
  text: string;
  /** Present when the reply asks something: the prospect's next message answers it. */
  question?: Question;
  review?: ReviewItem[];
}

export type Draft = Omit<Reply, 'question'> & { question?: Unasked };

export interface TurnResult {
  state: StoredConversation;
  replies: Reply[];
  /** The lead this turn submitted: the caller must store it before sending the replies. */
  submitted?: {
    submission: Submission;
    answers: Answers;
    locale: Locale;
    handoffRequested: boolean;
    /** The booking page the prospect was offered (absent: they were told the firm will call). */
    bookingLink?: string;
  };
  /** The prospect asked for a person during this turn. */
  handoffRequested?: boolean;
  /** A message after submission, for the submitted lead: the caller adds it before replying. */
  added?: { leadId: string; text: string; at: string };
  /** The prospect asked for an email copy of their answers (see EngineOptions.offerCopy). */
  copyRequested?: { leadId: string };
  /** The step or position the turn ended on, for logs and channel data. */
  position: Position;
  locale: Locale;
}
