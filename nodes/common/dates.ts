/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone (the workflow's, for dates people mean). */
export function isoDateIn(instant: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(instant);
}
