// The README's "JSON key case", verbatim but for the import path (spec/readme.spec.ts checks it).
import { App, Service, Post, Body, Prop } from '../lib';

class Address {
  @Prop({ minLength: 1 }) streetName!: string;
}
class Signup {
  @Prop({ minLength: 1 }) displayName!: string;
  @Prop({ type: [Address] }) postalAddresses!: Address[];
  @Prop({ name: 'ref', optional: true }) referralCode?: string; // an explicit wire name wins
}
class Member {
  @Prop({ integer: true }) memberId!: number;
  @Prop() displayName!: string;
  @Prop() joinedAt!: Date;
}

@Service({ name: 'membersvc', jsonCase: 'snake' }) // or GDD_JSON_CASE=snake for every service
export class MemberService {
  @Post('/members', { returns: Member })
  async signUp(@Body() input: Signup): Promise<Member> {
    // TypeScript sees camelCase: input.displayName, input.postalAddresses[0].streetName
    return { memberId: 1, displayName: input.displayName, joinedAt: new Date('2026-01-01T00:00:00Z') };
  }
}

new App().listen();
// POST /members {"display_name":"Ada","postal_addresses":[{"street_name":"Main St"}],"ref":"x"}
//   → {"member_id":1,"display_name":"Ada","joined_at":"2026-01-01T00:00:00.000Z"}
// POST /members {"displayName":"Ada"} → 400 naming body.display_name and body.postal_addresses
