"""supply-demand matching

Revision ID: c24e3ba5e66c
Revises: a6ed3e8b05ae
Create Date: 2026-11-22 23:49:55.368143

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c24e3ba5e66c'
down_revision = 'a6ed3e8b05ae'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: the whole schema of supply–demand matching (marketplace/matching/models.py).
    # Buyer organisations and their members (a business buyer acts through its members,
    # as producers do through producer_members: no new role, users untouched); demands and
    # offers with their CHECKs (positive quantities, prices in đồng, ordered windows and
    # ranges, 12-bit season masks); the one-row version counter the in-memory matching
    # tables follow, seeded with its row; strong matches and per-user notices (each pair
    # announced once, at once or in the daily digest); preferences; connections (consent
    # before contacts) and their messages; B2B meeting participants and requests.
    op.create_table('matching_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matching_state'))
    )
    op.bulk_insert(sa.table('matching_state', sa.column('id', sa.Integer()), sa.column('version', sa.BigInteger())),
                   [{'id': 1, 'version': 0}])
    op.create_table('matching_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.Enum('immediate', 'daily', 'never', name='notify_frequency', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_matching_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_matching_preferences'))
    )
    op.create_table('buyer_organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=140), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('distributor', 'supermarket', 'exporter', 'restaurant', 'processor', 'other', name='buyer_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('tax_code', sa.String(length=20), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_buyer_organisations_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buyer_organisations')),
    sa.UniqueConstraint('slug', name=op.f('uq_buyer_organisations_slug'))
    )
    with op.batch_alter_table('buyer_organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_buyer_organisations_province_id'), ['province_id'], unique=False)

    op.create_table('buyer_members',
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('is_owner', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer_organisations.id'], name=op.f('fk_buyer_members_buyer_id_buyer_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_buyer_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('buyer_id', 'user_id', name=op.f('pk_buyer_members'))
    )
    with op.batch_alter_table('buyer_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_buyer_members_user_id'), ['user_id'], unique=False)

    op.create_table('demands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('recurrence', sa.Enum('one_off', 'weekly', 'monthly', 'quarterly', name='demand_recurrence', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('target_price', sa.BigInteger(), nullable=True),
    sa.Column('delivery_province_id', sa.Integer(), nullable=False),
    sa.Column('wanted_from', sa.Date(), nullable=True),
    sa.Column('wanted_by', sa.Date(), nullable=False),
    sa.Column('min_stars', sa.SmallInteger(), nullable=True),
    sa.Column('certificates', sa.Integer(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'paused', 'closed', 'expired', name='demand_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('row_version', sa.BigInteger(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('min_stars IS NULL OR min_stars BETWEEN 3 AND 5', name=op.f('ck_demands_min_stars_range')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_demands_quantity_positive')),
    sa.CheckConstraint('target_price IS NULL OR target_price >= 0', name=op.f('ck_demands_target_price_not_negative')),
    sa.CheckConstraint('wanted_from IS NULL OR wanted_from <= wanted_by', name=op.f('ck_demands_window_in_order')),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer_organisations.id'], name=op.f('fk_demands_buyer_id_buyer_organisations')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_demands_category_id_categories')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_demands_created_by_id_users')),
    sa.ForeignKeyConstraint(['delivery_province_id'], ['provinces.id'], name=op.f('fk_demands_delivery_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demands'))
    )
    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demands_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_delivery_province_id'), ['delivery_province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_row_version'), ['row_version'], unique=False)
        batch_op.create_index('ix_demands_status_expires', ['status', 'expires_on'], unique=False)

    op.create_table('meeting_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=True),
    sa.Column('producer_id', sa.Integer(), nullable=True),
    sa.Column('available_slots', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(buyer_id IS NULL) <> (producer_id IS NULL)', name=op.f('ck_meeting_participants_one_side')),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer_organisations.id'], name=op.f('fk_meeting_participants_buyer_id_buyer_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_meeting_participants_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_meeting_participants_producer_id_producers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participants')),
    sa.UniqueConstraint('event_id', 'buyer_id', name='uq_meeting_participants_event_buyer'),
    sa.UniqueConstraint('event_id', 'producer_id', name='uq_meeting_participants_event_producer')
    )
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participants_event_id'), ['event_id'], unique=False)

    op.create_table('meeting_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_side', sa.Enum('buyer', 'producer', name='meeting_side', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=False),
    sa.Column('status', sa.Enum('requested', 'scheduled', 'unscheduled', 'withdrawn', name='meeting_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=True),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('scheduled_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 100', name=op.f('ck_meeting_requests_score_range')),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer_organisations.id'], name=op.f('fk_meeting_requests_buyer_id_buyer_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_meeting_requests_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_meeting_requests_producer_id_producers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_meeting_requests_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_requests'))
    )
    with op.batch_alter_table('meeting_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_requests_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index('ix_meeting_requests_event_status', ['event_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_requests_producer_id'), ['producer_id'], unique=False)

    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('period', sa.Enum('week', 'month', 'year', name='offer_period', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('min_order', sa.BigInteger(), nullable=False),
    sa.Column('price_min', sa.BigInteger(), nullable=False),
    sa.Column('price_max', sa.BigInteger(), nullable=True),
    sa.Column('season_months', sa.Integer(), nullable=False),
    sa.Column('delivers_nationwide', sa.Boolean(), nullable=False),
    sa.Column('delivery_province_ids', sa.JSON(), nullable=False),
    sa.Column('certificates', sa.Integer(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'paused', 'closed', 'expired', name='offer_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('row_version', sa.BigInteger(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('min_order >= 0', name=op.f('ck_offers_min_order_not_negative')),
    sa.CheckConstraint('price_max IS NULL OR price_max >= price_min', name=op.f('ck_offers_price_range_in_order')),
    sa.CheckConstraint('price_min >= 0', name=op.f('ck_offers_price_not_negative')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_offers_quantity_positive')),
    sa.CheckConstraint('season_months BETWEEN 1 AND 4095', name=op.f('ck_offers_season_months_range')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_offers_category_id_categories')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_offers_created_by_id_users')),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_offers_producer_id_producers')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_offers_product_id_products'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_producer_id'), ['producer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_row_version'), ['row_version'], unique=False)
        batch_op.create_index('ix_offers_status_expires', ['status', 'expires_on'], unique=False)

    op.create_table('connections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('demand_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('requested_by_side', sa.Enum('buyer', 'producer', name='connection_side', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.String(length=2000), nullable=False),
    sa.Column('status', sa.Enum('requested', 'accepted', 'declined', 'withdrawn', name='connection_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer_organisations.id'], name=op.f('fk_connections_buyer_id_buyer_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_connections_decided_by_id_users')),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_connections_demand_id_demands'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_connections_offer_id_offers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_connections_producer_id_producers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_connections_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connections'))
    )
    with op.batch_alter_table('connections', schema=None) as batch_op:
        batch_op.create_index('ix_connections_pair', ['buyer_id', 'producer_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_connections_producer_id'), ['producer_id'], unique=False)

    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('first_found_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 100', name=op.f('ck_matches_score_range')),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_matches_demand_id_demands'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_matches_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches')),
    sa.UniqueConstraint('demand_id', 'offer_id', name='uq_matches_demand_offer')
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_offer_id'), ['offer_id'], unique=False)

    op.create_table('connection_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('connection_id', sa.Integer(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=True),
    sa.Column('sender_side', sa.Enum('buyer', 'producer', name='message_side', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('body', sa.String(length=4000), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['connection_id'], ['connections.id'], name=op.f('fk_connection_messages_connection_id_connections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sender_id'], ['users.id'], name=op.f('fk_connection_messages_sender_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connection_messages'))
    )
    with op.batch_alter_table('connection_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connection_messages_connection_id'), ['connection_id'], unique=False)

    op.create_table('match_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_match_notices_match_id_matches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_match_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_notices')),
    sa.UniqueConstraint('match_id', 'user_id', name='uq_match_notices_match_user')
    )
    with op.batch_alter_table('match_notices', schema=None) as batch_op:
        batch_op.create_index('ix_match_notices_pending', ['sent_at', 'user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('match_notices', schema=None) as batch_op:
        batch_op.drop_index('ix_match_notices_pending')

    op.drop_table('match_notices')
    with op.batch_alter_table('connection_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connection_messages_connection_id'))

    op.drop_table('connection_messages')
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_offer_id'))

    op.drop_table('matches')
    with op.batch_alter_table('connections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connections_producer_id'))
        batch_op.drop_index('ix_connections_pair')

    op.drop_table('connections')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index('ix_offers_status_expires')
        batch_op.drop_index(batch_op.f('ix_offers_row_version'))
        batch_op.drop_index(batch_op.f('ix_offers_product_id'))
        batch_op.drop_index(batch_op.f('ix_offers_producer_id'))
        batch_op.drop_index(batch_op.f('ix_offers_category_id'))

    op.drop_table('offers')
    with op.batch_alter_table('meeting_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_requests_producer_id'))
        batch_op.drop_index('ix_meeting_requests_event_status')
        batch_op.drop_index(batch_op.f('ix_meeting_requests_buyer_id'))

    op.drop_table('meeting_requests')
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participants_event_id'))

    op.drop_table('meeting_participants')
    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.drop_index('ix_demands_status_expires')
        batch_op.drop_index(batch_op.f('ix_demands_row_version'))
        batch_op.drop_index(batch_op.f('ix_demands_delivery_province_id'))
        batch_op.drop_index(batch_op.f('ix_demands_category_id'))
        batch_op.drop_index(batch_op.f('ix_demands_buyer_id'))

    op.drop_table('demands')
    with op.batch_alter_table('buyer_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_buyer_members_user_id'))

    op.drop_table('buyer_members')
    with op.batch_alter_table('buyer_organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_buyer_organisations_province_id'))

    op.drop_table('buyer_organisations')
    op.drop_table('matching_preferences')
    op.drop_table('matching_state')
