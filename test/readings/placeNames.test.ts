/**
 * Country and City, an OPEN point (docs/api/oho.md § "Country and province lists"): Oho never published its lists, so
 * the language it expects is unknown. By default a place the node knows is sent as its English name; Options >
 * Place Names > Send as Written sends the input's own spelling, tidied, for an Oho that expects Thai names.
 */
import type { IDataObject } from 'n8n-workflow';

import { newLineContact, params, runOne, SOMCHAI } from '../helpers/ohoContact';
import { sentBodies, useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

const THAI_PLACES = { country: '={{ " ประเทศไทย " }}', city: '={{ "จ.ชลบุรี" }}' };

async function createWith(additionalFields: IDataObject, options: IDataObject = {}) {
	const contact = newLineContact();
	const output = await runOne(ref.sb, params('create', contact, { additionalFields, options }));
	const [sent] = sentBodies(ref.sb, 'POST', '/contact') as IDataObject[];
	return {
		output,
		sent,
		stored: ref.sb.getContact(contact.platform, contact.platformId, contact.userId),
	};
}

describe('Place Names', () => {
	test('Match the List (the default): Thai spellings the lists know are sent as their English names', async () => {
		const { sent, stored } = await createWith(THAI_PLACES);

		expect(sent).toMatchObject({ country: 'Thailand', city: 'Chon Buri' });
		expect(stored).toMatchObject({ country: 'Thailand', city: 'Chon Buri' });
	});

	test('Send as Written: the input’s Thai spellings are sent, tidied', async () => {
		const { sent, stored, output } = await createWith(
			{ country: '={{ " ประเทศไทย " }}', city: '={{ "กรุงเทพ   มหานคร" }}' },
			{ placeNames: 'asWritten' },
		);

		expect(sent).toMatchObject({ country: 'ประเทศไทย', city: 'กรุงเทพ มหานคร' });
		expect(stored).toMatchObject({ country: 'ประเทศไทย', city: 'กรุงเทพ มหานคร' });
		expect(output).not.toHaveProperty('warnings');
	});

	test('Send as Written: a value picked from the list is still its English name', async () => {
		const { sent } = await createWith(
			{ country: 'Thailand', city: 'Chiang Mai' },
			{ placeNames: 'asWritten' },
		);

		expect(sent).toMatchObject({ country: 'Thailand', city: 'Chiang Mai' });
	});

	test('Send as Written applies to Update too', async () => {
		await runOne(
			ref.sb,
			params('update', SOMCHAI, {
				updateFields: { city: '={{ "จ.ชลบุรี" }}' },
				options: { placeNames: 'asWritten' },
			}),
		);

		expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ city: 'จ.ชลบุรี' }]);
	});
});
