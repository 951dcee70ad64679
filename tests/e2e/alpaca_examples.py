"""The request bodies Alpaca's Broker API reference gives as its examples, as Alpaca wrote them, for
the routes the sandbox's Broker API face serves (`test_alpaca_examples.py` sends each to a running
sandbox). Source: Alpaca's Broker API documentation, `alpacahq/bkdocs` at deb07d2 (2022-03-22), the
pages published as alpaca.markets/docs/broker/api-references/...; each body names its page.

Placeholders Alpaca writes where an id of yours goes ("<relationship_id UUID>", made-up account ids)
are filled by the test, not here.
"""
from __future__ import annotations

from typing import Any, Final

DOCS: Final = "https://github.com/alpacahq/bkdocs/blob/deb07d20dde748f7daa14831bd0fc30956c38f23/content/api-references"

# POST /v1/accounts, "Creating an Account", Sample Request Model
# (alpaca.markets/docs/broker/api-references/accounts/accounts/#creating-an-account; DOCS/accounts/accounts.md)
CREATE_ACCOUNT: Final[dict[str, Any]] = {
    "contact": {
        "email_address": "cool_alpaca@example.com",
        "phone_number": "555-666-7788",
        "street_address": ["20 N San Mateo Dr"],
        "unit": "Apt 1A",
        "city": "San Mateo",
        "state": "CA",
        "postal_code": "94401",
        "country": "USA"
    },
    "identity": {
        "given_name": "John",
        "middle_name": "Smith",
        "family_name": "Doe",
        "date_of_birth": "1990-01-01",
        "tax_id": "666-55-4321",
        "tax_id_type": "USA_SSN",
        "country_of_citizenship": "USA",
        "country_of_birth": "USA",
        "country_of_tax_residence": "USA",
        "funding_source": ["employment_income"]
    },
    "disclosures": {
        "is_control_person": False,
        "is_affiliated_exchange_or_finra": False,
        "is_politically_exposed": False,
        "immediate_family_exposed": False
    },
    "agreements": [
        {
            "agreement": "margin_agreement",
            "signed_at": "2020-09-11T18:09:33Z",
            "ip_address": "185.13.21.99",
            "revision": "16.2021.05"
        },
        {
            "agreement": "account_agreement",
            "signed_at": "2020-09-11T18:13:44Z",
            "ip_address": "185.13.21.99",
            "revision": "16.2021.05"
        },
        {
            "agreement": "customer_agreement",
            "signed_at": "2020-09-11T18:13:44Z",
            "ip_address": "185.13.21.99",
            "revision": "16.2021.05"
        }
    ],
    "documents": [
        {
            "document_type": "identity_verification",
            "document_sub_type": "passport",
            "content": "/9j/Cg==",
            "mime_type": "image/jpeg"
        }
    ],
    "trusted_contact": {
        "given_name": "Jane",
        "family_name": "Doe",
        "email_address": "jane.doe@example.com"
    }
}

# "The Account Model", Sample Account Object: the same application with a W-8BEN among its documents
# (DOCS/accounts/accounts.md)
ACCOUNT_MODEL_DOCUMENTS: Final[list[dict[str, Any]]] = [
    {
        "document_type": "identity_verification",
        "document_sub_type": "passport",
        "content": "/9j/Cg==",
        "mime_type": "image/jpeg"
    },
    {
        "document_type": "w8ben",
        "content": "JVBERi0K",
        "mime_type": "application/pdf"
    }
]

# "International Accounts", W-8 BEN, Sample Request Body: a document object of an application's
# `documents` (DOCS/accounts/accounts.md)
W8BEN_DOCUMENT: Final[dict[str, Any]] = {
    "document_type": "w8ben",
    "content_data": {
        "additional_conditions": "None",
        "country_citizen": "Australia",
        "date": "2021-06-14",
        "date_of_birth": "1970-01-01",
        "foreign_tax_id": "123 456 789",
        "ftin_not_required": False,
        "full_name": "John Doe",
        "ip_address": "127.0.0.1",
        "mailing_address_city_state": "Adelaide",
        "mailing_address_country": "Australia",
        "mailing_address_street": "51 Main St",
        "paragraph_number": "15",
        "percent_rate_withholding": 5.0,
        "permanent_address_city_state": "Adelaide",
        "permanent_address_country": "Australia",
        "permanent_address_street": "20 Main St",
        "reference_number": "abc123",
        "residency": "Australia",
        "revision": "10-2021",
        "tax_id_ssn": "123-00-456",
        "timestamp": "2021-06-14T09:31:05Z",
        "income_type": "interest",
        "signer_full_name": "Mr. Signing User"
    }
}

# Accounts "Fixtures", Sample Fixture: simulating a rejected account (DOCS/accounts/accounts.md)
ACCOUNT_FIXTURE: Final[dict[str, Any]] = {
    "additional_information": "/fixtures/status=REJECTED/fixtures/"
}

# POST /v1/accounts/{account_id}/ach_relationships, Sample Request
# (alpaca.markets/docs/broker/api-references/funding/ach/; DOCS/funding/ACH.md)
CREATE_ACH_RELATIONSHIP: Final[dict[str, Any]] = {
    "account_owner_name": "John Doe",
    "bank_account_type": "CHECKING",
    "bank_account_number": "32131231abc",
    "bank_routing_number": "121000358",
    "nickname": "Bank of America Checking"
}

# POST /v1/accounts/{account_id}/ach_relationships, Processor Token Flow, Sample Request (Plaid)
# (DOCS/funding/ACH.md): the sandbox links no bank through Plaid, and says so
PLAID_ACH_RELATIONSHIP: Final[dict[str, Any]] = {
    "processor_token": "processor-sandbox-161c86dd-d470-47e9-a741-d381c2b2cb6f"
}

# POST /v1/accounts/{account_id}/recipient_banks, Sample Request
# (alpaca.markets/docs/broker/api-references/funding/bank/; DOCS/funding/bank.md)
CREATE_RECIPIENT_BANK: Final[dict[str, Any]] = {
    "name": "Bank XYZ",
    "bank_code_type": "ABA",
    "bank_code": "123456789",
    "account_number": "123456789abc"
}

# POST /v1/accounts/{account_id}/transfers, Sample Request
# (alpaca.markets/docs/broker/api-references/funding/transfers/; DOCS/funding/transfers.md)
CREATE_TRANSFER: Final[dict[str, Any]] = {
    "transfer_type": "ach",
    "relationship_id": "<relationship_id UUID>",
    "amount": "500",
    "direction": "INCOMING"
}

# POST /v1/journals, Sample Request (alpaca.markets/docs/broker/api-references/journals/; DOCS/journals.md)
CREATE_JOURNAL: Final[dict[str, Any]] = {
    "from_account": "c94bu7rn-4483-4199-840f-6c5fe0b7ca24",
    "entry_type": "JNLC",
    "to_account": "fn68sbrk-6f2a-433c-8c33-17b66b8941fa",
    "amount": "51",
    "description": "test text /fixtures/status=rejected/fixtures/"
}

# POST /v1/trading/accounts/{account_id}/orders, Sample Request
# (alpaca.markets/docs/broker/api-references/trading/orders/; DOCS/trading/orders.md)
CREATE_ORDER: Final[dict[str, Any]] = {
    "symbol": "AAPL",
    "qty": "4.125",
    "side": "buy",
    "type": "market",
    "time_in_force": "day",
    "commission": "1"
}

GETTING_STARTED: Final = f"{DOCS.rsplit('/', 1)[0]}/get-started/_index.md"

# "Getting Started with Broker API", 1. Create an Account: a sample request for a Fully-Disclosed
# setup (alpaca.markets/docs/broker/get-started/; GETTING_STARTED)
GET_STARTED_ACCOUNT: Final[dict[str, Any]] = {
    "contact": {
        "email_address": "awesome_alpaca@example.com",
        "phone_number": "555-666-7788",
        "street_address": ["20 N San Mateo Dr"],
        "city": "San Mateo",
        "state": "CA",
        "postal_code": "94401",
        "country": "USA"
    },
    "identity": {
        "given_name": "John",
        "family_name": "Doe",
        "date_of_birth": "1990-01-01",
        "country_of_citizenship": "USA",
        "country_of_birth": "USA",
        "country_of_tax_residence": "USA",
        "funding_source": ["employment_income"]
    },
    "disclosures": {
        "is_control_person": False,
        "is_affiliated_exchange_or_finra": False,
        "is_politically_exposed": False,
        "immediate_family_exposed": False
    },
    "agreements": [
        {
            "agreement": "margin_agreement",
            "signed_at": "2020-09-11T18:09:33Z",
            "ip_address": "185.13.21.99"
        },
        {
            "agreement": "account_agreement",
            "signed_at": "2020-09-11T18:13:44Z",
            "ip_address": "185.13.21.99"
        },
        {
            "agreement": "customer_agreement",
            "signed_at": "2020-09-11T18:13:44Z",
            "ip_address": "185.13.21.99"
        }
    ],
    "documents": [
        {
            "document_type": "cip_result",
            "content": "VGhlcmUgYXJlIG5vIHdpbGQgYWxwYWNhcy4=",
            "mime_type": "application/pdf"
        },
        {
            "document_type": "identity_verification",
            "document_sub_type": "passport",
            "content": "QWxwYWNhcyBjYW5ub3QgbGl2ZSBhbG9uZS4=",
            "mime_type": "image/jpeg"
        }
    ],
    "trusted_contact": {
        "given_name": "Jane",
        "family_name": "Doe",
        "email_address": "jane.doe@example.com"
    }
}

# Getting Started, 2. Fund an Account via ACH: Creating an ACH Relationship (GETTING_STARTED)
GET_STARTED_ACH_RELATIONSHIP: Final[dict[str, Any]] = {
    "account_owner_name": "Awesome Alpaca",
    "bank_account_type": "CHECKING",
    "bank_account_number": "32131231abc",
    "bank_routing_number": "121000358",
    "nickname": "Bank of America Checking"
}

# Getting Started, Making a Virtual ACH Transfer (GETTING_STARTED). Its amount has a tenth of a
# cent, which no ACH transfer can carry: the sandbox refuses it (TOO_MANY_DECIMALS) rather than
# round a customer's money.
GET_STARTED_TRANSFER: Final[dict[str, Any]] = {
    "transfer_type": "ach",
    "relationship_id": "c9b420e0-ae4e-4f39-bcbf-649b407c2129",
    "amount": "1234.567",
    "direction": "INCOMING"
}

# Getting Started, 3. Journaling Cash: from the partner's firm (sweep) account (GETTING_STARTED)
GET_STARTED_JOURNAL: Final[dict[str, Any]] = {
    "from_account": "8f8c8cee-2591-4f83-be12-82c659b5e748",
    "entry_type": "JNLC",
    "to_account": "b9b19618-22dd-4e80-8432-fc9e1ba0b27d",
    "amount": "42"
}

# Getting Started, 4. Passing an Order: the quantity a JSON number (GETTING_STARTED)
GET_STARTED_ORDER: Final[dict[str, Any]] = {
    "symbol": "AAPL",
    "qty": 0.42,
    "side": "buy",
    "type": "market",
    "time_in_force": "day"
}

# POST /v1/journals/batch, "Creating a Batch Journal Transaction (One-to-Many)", Sample Request
# (alpaca.markets/docs/broker/api-references/journals/; DOCS/journals.md)
CREATE_BATCH_JOURNAL: Final[dict[str, Any]] = {
    "entry_type": "JNLC",
    "from_account": "8f8c8cee-2591-4f83-be12-82c659b5e748",
    "entries": [
        {
            "to_account": "d7017fd9-60dd-425b-a09a-63ff59368b62",
            "amount": "10"
        },
        {
            "to_account": "94fa473d-9a92-40cd-908c-25da9fba1e65",
            "amount": "100"
        },
        {
            "to_account": "399f85f1-cbbd-4eaa-a934-70027fb5c1de",
            "amount": "1000"
        }
    ]
}

# POST /v1/journals/reverse_batch, "Creating a Reverse Batch Journal Transaction (Many-to-One)",
# Sample Request (DOCS/journals.md)
CREATE_REVERSE_BATCH_JOURNAL: Final[dict[str, Any]] = {
    "entry_type": "JNLC",
    "to_account": "8f8c8cee-2591-4f83-be12-82c659b5e748",
    "entries": [
        { "from_account": "8e00606a-c9ac-409a-ba45-f55e8f77984a", "amount": "10" },
        { "from_account": "b9b19618-22dd-4e80-8432-fc9e1ba0b27d", "amount": "100" },
        { "from_account": "c96a5e16-7fca-425a-b67b-0814d064bfc0", "amount": "100" }
    ]
}

# Instant Tokenization Network, Alpaca's Mint Request Endpoint, "Mint request body"
# (https://docs.alpaca.markets/v1.3/docs/tokenization-guide-for-authorized-participant). Its issuer,
# network and wallet are Alpaca's production ones (xstocks on Solana); the sandbox hosts its own
# issuer on its own chain, so `test_alpaca_tokenization` sends this body with those three values
# set to the sandbox's, as a participant sets its own account id.
ITN_MINT: Final[dict[str, Any]] = {
    "underlying_symbol": "AAPL",
    "qty": "1.23",
    "issuer": "xstocks",
    "network": "solana",
    "wallet_address": "0x1234567A",
}
