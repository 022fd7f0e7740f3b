/**
 * What cleaning one field gives: the value to send (undefined when the operator gave nothing), or the problem
 * that makes the value unusable, in words that follow the field's label ("Phone (phone) <problem>").
 */
export type Cleaned = { value: unknown } | { problem: string };

/** How the operator asked ambiguous values to be read (Options), and the workflow's time zone. */
export interface CleaningSettings {
	/** IANA zone a date-time with its own zone is read in: the workflow's, so a midnight in Bangkok stays that day. */
	timeZone: string;
	/** 05/06/1990 is 5 June in Thailand; an option reads it as May 6. */
	monthFirst: boolean;
	/** A number of another country is sent as + and digits, a form Oho does not document. */
	allowNonThaiPhones: boolean;
	/** Country and City as the input writes them (tidied), for an Oho that expects Thai names (Options > Place Names). */
	placesAsWritten?: boolean;
}

export const problem = (text: string): Cleaned => ({ problem: text });
