"""What /account/ shows of the signed-in person, read from each domain's own queries."""
from dataclasses import dataclass, field

from marketplace.events import lookup
from marketplace.events.queries import applications_of_producers
from marketplace.events.access import producers_of_user
from marketplace.matching.services.connections import connections_of
from marketplace.myaccount.menu import account_menu
from marketplace.orders.lookup import orders_of

RECENT = 5


@dataclass
class Overview:
    orders: list
    upcoming_tickets: list
    past_tickets: list
    applications: list = field(default_factory=list)
    connections: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # the account menu's sections (roles)

    @property
    def roles(self):
        return {section.key for section in self.sections}


def overview(user, now):
    registrations = lookup.registrations_of_user(user)
    upcoming = sorted((r for r in registrations if r.event.ends_at >= now), key=lambda r: r.event.starts_at)
    past = [r for r in registrations if r.event.ends_at < now]
    sections = account_menu(user)
    keys = {section.key for section in sections}
    producers = producers_of_user(user) if "producer" in keys else []
    applications = applications_of_producers([p.id for p in producers])[:RECENT]
    connections = connections_of(user)[:RECENT] if keys & {"producer", "buyer"} else []
    return Overview(orders=orders_of(user, limit=RECENT), upcoming_tickets=upcoming, past_tickets=past[:RECENT],
                    applications=applications, connections=connections, sections=sections)
